package org.scimbridge.sink.ldap;

import java.util.List;
import java.util.function.Consumer;
import javax.naming.directory.SearchControls;
import org.springframework.ldap.control.PagedResultsDirContextProcessor;
import org.springframework.ldap.core.ContextMapper;
import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.SingleContextSource;
import org.springframework.stereotype.Component;

/** Reads of an LDAP target: the sink's look-ups (subtree searches) and reconcile's paged walk of a base. */
@Component
public class LdapReader {

    private static final ContextMapper<LdapEntrySnapshot> SNAPSHOT = ctx -> {
        DirContextAdapter a = (DirContextAdapter) ctx;
        return LdapEntrySnapshot.of(a.getNameInNamespace(), a.getAttributes());
    };

    private final LdapSinks sinks;

    public LdapReader(LdapSinks sinks) {
        this.sinks = sinks;
    }

    /**
     * Every entry under {@code base} (subtree) that matches {@code filter}, with all its user attributes and the
     * operational ones the disable strategy reads ({@link LdapTarget.Disable#readAttributes}).
     */
    public List<LdapEntrySnapshot> search(String sink, String base, String filter) {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningObjFlag(true);
        returning(sink, controls);
        return sinks.template(sink).search(LdapDns.parse(base), filter, controls, SNAPSHOT);
    }

    /** The entries one level under {@code base}, page by page (RFC 2696) on one connection. */
    public void pagedChildren(String sink, String base, int pageSize, Consumer<LdapEntrySnapshot> each) {
        LdapTemplate template = sinks.template(sink);
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.ONELEVEL_SCOPE);
        controls.setReturningObjFlag(true);
        returning(sink, controls);
        PagedResultsDirContextProcessor pages = new PagedResultsDirContextProcessor(pageSize);
        SingleContextSource.doWithSingleContext(template.getContextSource(), ops -> {
            do {
                ops.search(LdapDns.parse(base), "(objectClass=*)", controls, SNAPSHOT, pages).forEach(each);
            } while (pages.hasMore());
            return null;
        });
    }

    /** All user attributes ({@code *}), and by name the attributes of the strategy that {@code *} leaves out. */
    private void returning(String sink, SearchControls controls) {
        List<String> extra = sinks.target(sink).disable().readAttributes();
        if (!extra.isEmpty()) {
            List<String> attrs = new java.util.ArrayList<>(List.of("*"));
            attrs.addAll(extra);
            controls.setReturningAttributes(attrs.toArray(new String[0]));
        }
    }
}
