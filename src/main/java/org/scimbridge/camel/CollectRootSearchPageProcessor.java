package org.scimbridge.camel;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.model.SearchRequest;
import org.springframework.stereotype.Component;

/**
 * Keeps one resource type's page of a root search and moves the window on for the next type: the types follow
 * each other (Users, then Groups), so result number {@code startIndex} of the whole search is the next type's
 * number {@code startIndex - (totals of the types before)}, and the next type fills what is left of {@code count}.
 */
@Component("collectRootSearchPage")
public class CollectRootSearchPageProcessor implements Processor {

    /** Exchange property: the pages collected so far, in resource-type order. */
    static final String PAGES = "scimRootSearchPages";
    /** Exchange property: the SearchRequest of the first type, whose startIndex and count the caller asked for. */
    static final String WINDOW = "scimRootSearchWindow";

    private final RenderListResponseProcessor lists;

    public CollectRootSearchPageProcessor(RenderListResponseProcessor lists) {
        this.lists = lists;
    }

    @Override
    public void process(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<RenderListResponseProcessor.Page> pages = exchange.getProperty(PAGES, List.class);
        if (pages == null) {
            pages = new ArrayList<>();
            exchange.setProperty(PAGES, pages);
            exchange.setProperty(WINDOW, exchange.getProperty(BuildSearchQueryProcessor.SEARCH_REQUEST,
                    SearchRequest.class));
        }
        pages.add(lists.page(exchange));
        SearchRequest window = exchange.getProperty(WINDOW, SearchRequest.class);
        long before = 0;
        int shown = 0;
        for (RenderListResponseProcessor.Page page : pages) {
            before += page.total();
            shown += page.resources().size();
        }
        exchange.getMessage().setHeader("startIndex", Long.toString(Math.max(1, window.startIndex() - before)));
        exchange.getMessage().setHeader("count", Integer.toString(Math.max(0, window.count() - shown)));
    }
}
