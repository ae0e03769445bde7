package org.scimbridge.limits;

import org.scimbridge.config.BridgeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The threads and the time a SCIM request gets. camel-platform-http runs every request on Spring Boot's
 * {@code applicationTaskExecutor} (8 threads by default, unbounded queue): eight slow requests of one directory
 * used to queue every other directory's requests behind them. It is sized here to the sum of the directories'
 * bulkheads, so a request that got its directory's permit never waits for a thread.
 */
@Configuration(proxyBeanMethods = false)
public class RequestLimitsConfiguration implements WebMvcConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLimitsConfiguration.class);
    /** The MVC timeout only backs up the request budget, which the route itself answers first. */
    private static final long ASYNC_GRACE_MILLIS = 2000;

    private final RequestLimits limits;

    public RequestLimitsConfiguration(RequestLimits limits) {
        this.limits = limits;
    }

    @Bean
    ThreadPoolTaskExecutorCustomizer scimRequestThreads(BridgeProperties bridge) {
        int threads = bridge.directories().size() * limits.concurrentRequestsPerDirectory();
        LOG.info("SCIM request threads: {} ({} directories x {} concurrent requests each)", threads,
                bridge.directories().size(), limits.concurrentRequestsPerDirectory());
        return executor -> {
            executor.setMaxPoolSize(threads);
            executor.setCorePoolSize(threads);
            executor.setAllowCoreThreadTimeOut(true);
            executor.setThreadNamePrefix("scim-request-");
        };
    }

    @Bean
    InFlightBodies inFlightBodies(BridgeProperties bridge) {
        long budget = InFlightBodies.budget(limits.maxInFlightBodyBytes(), Runtime.getRuntime().maxMemory(),
                bridge.maxBodyBytes());
        LOG.info("Request bodies in flight: at most {} bytes at once", budget);
        return new InFlightBodies(budget);
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(limits.requestTimeout().toMillis() + ASYNC_GRACE_MILLIS);
    }
}
