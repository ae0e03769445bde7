package org.scimbridge.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.UrlHandlerFilter;

@Configuration
public class WebConfiguration {

    /**
     * Entra's Tenant URL may end in a slash, giving {@code /scim/v2/demo/Users/}: serve it as without. (Not named
     * {@code trailingSlashFilter}: Hawtio's auto-configuration registers a bean of that name.)
     */
    @Bean
    public FilterRegistrationBean<UrlHandlerFilter> scimTrailingSlashFilter() {
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler("/scim/**").wrapRequest().build());
        registration.setOrder(FilterOrder.TRAILING_SLASH);
        return registration;
    }

    /** Tomcat's error answers as SCIM bodies on the SCIM port: its HTML report valve is replaced. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> scimErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ScimErrorReportValve.class.getName());
            }
        });
    }
}
