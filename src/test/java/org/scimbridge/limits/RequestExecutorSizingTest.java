package org.scimbridge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.junit.jupiter.api.Test;
import org.scimbridge.config.BridgeProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * camel-platform-http runs every SCIM request on Spring Boot's {@code applicationTaskExecutor}: 8 threads by
 * default, which eight slow requests of one directory used to fill. It is sized to the sum of the directories'
 * bulkheads, so it never is the bottleneck.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RequestExecutorSizingTest {

    @Autowired
    @Qualifier("applicationTaskExecutor")
    ThreadPoolTaskExecutor executor;
    @Autowired
    BridgeProperties bridge;
    @Autowired
    RequestLimits limits;
    @Autowired
    CamelContext camel;

    @Test
    void theRequestExecutorHasAThreadForEveryPermitOfEveryDirectory() {
        int permits = bridge.directories().size() * limits.concurrentRequestsPerDirectory();
        assertThat(permits).isGreaterThan(8);
        assertThat(executor.getMaxPoolSize()).isEqualTo(permits);
        assertThat(executor.getCorePoolSize()).isEqualTo(permits);
        assertThat(executor.getThreadNamePrefix()).isEqualTo("scim-request-");
    }

    @Test
    void platformHttpRunsTheRoutesOnThatExecutor() {
        Object engine = camel.getComponent("platform-http", PlatformHttpComponent.class).getEngine();
        assertThat(ReflectionTestUtils.getField(engine, "executor")).isSameAs(executor);
    }
}
