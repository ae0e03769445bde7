package org.scimbridge.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The conventions the YAML routes promise their editors: loaded from {@code routes/} on disk, kebab-case ids,
 * a {@code direct:} route's id is its endpoint name, every SCIM route names the one error policy.
 */
@CamelSpringBootTest
// without it, camel-test-spring turns JMX off for every later CamelContext of the JVM (a static flag), and
// HawtioTest's shared context then has no route MBeans; whether JMX is on stays camel.main.jmx-enabled's call
@DisableJmx(false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RouteConventionsTest {

    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Autowired
    CamelContext camel;

    @Test
    void routesComeFromTheYamlFilesOnDisk() {
        List<String> sources = camel.getRoutes().stream().map(Route::getSourceLocation)
                .filter(s -> s != null).toList();
        assertThat(sources).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("file:routes/"));
    }

    @Test
    void directRoutesAreNamedAfterTheirEndpoint() {
        for (Route route : camel.getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            assertThat(route.getRouteId()).as(uri).matches(KEBAB);
            if (uri.startsWith("direct://")) {
                assertThat(route.getRouteId()).isEqualTo(uri.substring("direct://".length()));
            }
        }
    }

    @Test
    void everySinkRouteHandsItsFailuresBackToTheStream() {
        List<RouteDefinition> sinks = camel.getCamelContextExtension().getContextPlugin(ModelCamelContext.class)
                .getRouteDefinitions().stream()
                .filter(r -> r.getInput().getEndpointUri().startsWith("direct:sink-")).toList();
        assertThat(sinks).extracting(RouteDefinition::getRouteId).contains("sink-ldap");
        assertThat(sinks).allSatisfy(r -> assertThat(r.getRouteConfigurationId()).as(r.getRouteId())
                .isEqualTo("sink-apply"));
    }

    @Test
    void everyScimRouteUsesTheOneErrorPolicy() {
        List<RouteDefinition> scim = camel.getCamelContextExtension().getContextPlugin(ModelCamelContext.class)
                .getRouteDefinitions().stream()
                .filter(r -> r.getInput().getEndpointUri().startsWith("direct:scim-")).toList();
        assertThat(scim).hasSizeGreaterThan(10);
        assertThat(scim).allSatisfy(r -> assertThat(r.getRouteConfigurationId()).isEqualTo("scim-error-policy"));
    }
}
