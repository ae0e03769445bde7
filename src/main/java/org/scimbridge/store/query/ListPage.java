package org.scimbridge.store.query;

import java.util.List;
import org.scimbridge.store.StoredResource;

/** One page of a list query: the resources in order and how many match in all. */
public record ListPage(long totalResults, List<StoredResource> resources) {
}
