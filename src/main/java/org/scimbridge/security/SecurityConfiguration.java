package org.scimbridge.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.scimbridge.openapi.OpenApiController;
import org.scimbridge.web.ScimErrorResponses;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, decided by Spring Security on the path Spring routes. Its {@code StrictHttpFirewall} rejects
 * encoded slashes and periods, {@code ;} parameters, {@code //}, {@code /./}, backslashes and the rest before any
 * rule is matched, and the rules match the decoded, normalized path, so {@code /%61dmin/...} is {@code /admin/...}
 * to the rules as it is to the controllers. Every answer of the chain is a SCIM error body.
 *
 * <ul>
 *   <li>{@code /scim/v2/{directoryId}/**}: the directory's bearer token, checked in constant time before the body
 *       is read; the authenticated directory must be the one in the path;</li>
 *   <li>{@code /admin/**}: the admin token; without one the admin API does not exist and its paths answer 404;</li>
 *   <li>the management port: open on loopback, else the admin token for everything but health; Hawtio and its
 *       Jolokia ({@link HawtioAccess}), when on, the admin token everywhere, as bearer or as the Basic password of
 *       user {@code admin} (what a browser can send);</li>
 *   <li>anything else: 404, whether or not something would answer it.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    static final String SCIM_PATHS = "/scim/v2/{directoryId}/**";
    static final String ADMIN_PATHS = "/admin/**";
    static final String SINKS_PAGE_PATHS = "/admin/ui/**";
    private static final String DIRECTORY_REALM = "Bearer realm=\"scim-bridge\"";
    private static final String ADMIN_REALM = "Bearer realm=\"scim-bridge-admin\"";
    private static final String ADMIN_BASIC_REALM = "Basic realm=\"scim-bridge-admin\", charset=\"UTF-8\"";

    /** StrictHttpFirewall's default set of methods. */
    private static final Set<String> ALLOWED_METHODS = new LinkedHashSet<>(
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));

    private final ScimErrorResponses errors;

    public SecurityConfiguration(ScimErrorResponses errors) {
        this.errors = errors;
    }

    /**
     * No Micrometer observation per security filter, authentication and authorization: with them every request
     * went through Spring Security's observation decorator around each filter of the chain, a sixth of the JVM's
     * CPU per request (docs/benchmarks.md, "Per-request cost"). The request itself is still timed by
     * {@code http.server.requests} and {@code scim_bridge_requests}.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    AuthenticationManager bearerTokens(BearerTokenAuthenticationProvider provider) {
        ProviderManager manager = new ProviderManager(provider);
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    /**
     * The firewall's refusals: a method it does not allow ({@code TRACE}, made-up ones) is 405 with {@code Allow};
     * anything else it rejects (the path, a header value) is 400.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            if (!ALLOWED_METHODS.contains(request.getMethod())) {
                response.setHeader("Allow", String.join(", ", ALLOWED_METHODS));
                errors.write(response, 405, null, "Method not allowed");
                return;
            }
            errors.write(response, 400, null,
                    "The request URL is not in normalized form, or the URL or a header holds a character not allowed");
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain managementSurface(HttpSecurity http, ManagementPort managementPort,
                                          ManagementExposure exposure, HawtioAccess hawtio,
                                          AuthenticationManager tokens) throws Exception {
        stateless(http.securityMatcher(managementPort::matches));
        if (exposure.loopback() && !hawtio.enabled()) {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher hawtioPaths = hawtio.enabled()
                ? new OrRequestMatcher(Arrays.stream(HawtioAccess.PATHS).map(p -> (RequestMatcher) paths.matcher(p))
                        .toList())
                : request -> false;
        // a browser has no bearer token: Hawtio's pages take the admin token as the password of user "admin" in
        // the browser's Basic login prompt, which it then sends with every request of the console and its Jolokia
        AuthenticationEntryPoint challenge = (request, response, exception) -> {
            boolean console = hawtioPaths.matches(request);
            response.setHeader("WWW-Authenticate", console ? ADMIN_BASIC_REALM : ADMIN_REALM);
            errors.write(response, 401, null, console
                    ? "Sign in as user 'admin' with the admin token as the password" : "The admin token is required");
        };
        AuthenticationFilter adminCredential = new AuthenticationFilter(tokens, request -> {
            String token = managementToken(request);
            return token == null ? null : BearerAuthentication.adminToken(token);
        });
        // on loopback everything but Hawtio stays open: a credential sent there is not even looked at
        adminCredential.setRequestMatcher(exposure.loopback() ? hawtioPaths : AnyRequestMatcher.INSTANCE);
        adminCredential.setSuccessHandler((request, response, authentication) -> { });
        adminCredential.setFailureHandler(new AuthenticationEntryPointFailureHandler(challenge));
        return http
                .addFilterAt(adminCredential, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> {
                    a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    a.requestMatchers(hawtioPaths).hasRole(BearerAuthentication.ADMIN_ROLE);
                    if (exposure.loopback()) {
                        a.anyRequest().permitAll();
                    } else {
                        a.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                                .anyRequest().hasRole(BearerAuthentication.ADMIN_ROLE);
                    }
                })
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(challenge)
                        .accessDeniedHandler(forbidden()))
                .build();
    }

    /** On the management port the admin token comes as a bearer token, or as the Basic password of "admin". */
    private static String managementToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String bearer = BearerToken.from(authorization);
        return bearer != null ? bearer : BearerToken.fromBasicAdmin(authorization);
    }

    @Bean
    @Order(2)
    SecurityFilterChain scimSurface(HttpSecurity http, ManagementPort managementPort, AdminToken adminToken,
                                    AuthenticationManager tokens) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        PathPatternRequestMatcher scim = paths.matcher(SCIM_PATHS);
        RequestMatcher admin = paths.matcher(ADMIN_PATHS);
        AuthenticationEntryPoint notFound = status(404, "No such endpoint");
        stateless(http.securityMatcher(request -> !managementPort.matches(request)))
                .addFilterAt(bearerFilter(tokens, scim, request -> BearerAuthentication.directoryToken(
                                scim.matcher(request).getVariables().get("directoryId"), tokenOf(request)),
                        DIRECTORY_REALM), BasicAuthenticationFilter.class);
        if (adminToken.enabled()) {
            http.addFilterAfter(bearerFilter(tokens, admin,
                    request -> BearerAuthentication.adminToken(tokenOf(request)), ADMIN_REALM),
                    BasicAuthenticationFilter.class);
        }
        return http
                .authorizeHttpRequests(a -> a
                        // the error page and the second (async) dispatch of a request already authorized
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        // the OpenAPI document: the RFC 7644 shape only, no directory, token or version
                        .requestMatchers(paths.matcher(OpenApiController.PATH)).permitAll()
                        .requestMatchers(scim).access(directoryInPath())
                        // the sinks page (sink.SinksPageController) holds no data: it asks for the admin token and
                        // sends it to /admin/sinks itself; without an admin token it does not exist either
                        .requestMatchers(paths.matcher(HttpMethod.GET, SINKS_PAGE_PATHS)).access(adminToken.enabled()
                                ? (auth, context) -> new AuthorizationDecision(true)
                                : (auth, context) -> new AuthorizationDecision(false))
                        .requestMatchers(admin).access(adminToken.enabled()
                                ? (auth, context) -> new AuthorizationDecision(isAdmin(auth.get()))
                                : (auth, context) -> new AuthorizationDecision(false))
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(unauthorized(DIRECTORY_REALM,
                                "A valid bearer token for this directory is required"), scim)
                        .defaultAuthenticationEntryPointFor(adminToken.enabled()
                                ? unauthorized(ADMIN_REALM, "The admin token is required") : notFound, admin)
                        .defaultAuthenticationEntryPointFor(notFound, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(forbidden()))
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    /** The token is checked in the security chain, on the servlet thread, before anything reads the body. */
    private AuthenticationFilter bearerFilter(AuthenticationManager tokens, RequestMatcher paths,
                                              Function<HttpServletRequest, BearerAuthentication> presented,
                                              String realm) {
        AuthenticationFilter filter = new AuthenticationFilter(tokens,
                request -> tokenOf(request) == null ? null : presented.apply(request));
        filter.setRequestMatcher(paths);
        filter.setSuccessHandler((request, response, authentication) -> { });
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(
                unauthorized(realm, "The bearer token is not valid here")));
        return filter;
    }

    private static AuthorizationManager<RequestAuthorizationContext> directoryInPath() {
        return (auth, context) -> {
            String directory = BearerAuthentication.authenticatedDirectory(auth.get());
            return new AuthorizationDecision(directory != null
                    && directory.equals(context.getVariables().get("directoryId")));
        };
    }

    private static boolean isAdmin(Authentication authentication) {
        return authentication instanceof BearerAuthentication bearer && bearer.isAuthenticated() && bearer.isAdmin();
    }

    private static String tokenOf(HttpServletRequest request) {
        return BearerToken.from(request.getHeader("Authorization"));
    }

    private AuthenticationEntryPoint unauthorized(String realm, String detail) {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", realm);
            errors.write(response, 401, null, detail);
        };
    }

    private AuthenticationEntryPoint status(int status, String detail) {
        return (request, response, exception) -> errors.write(response, status, null, detail);
    }

    private AccessDeniedHandler forbidden() {
        return (request, response, denied) -> write(response, 403, "Not allowed with this credential");
    }

    private void write(HttpServletResponse response, int status, String detail) throws IOException {
        errors.write(response, status, null, detail);
    }
}
