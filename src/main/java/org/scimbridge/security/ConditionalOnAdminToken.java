package org.scimbridge.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The admin API exists only when {@code scim-bridge.admin-token} is set: without it its controllers are not
 * created, so its paths answer 404 however they are spelled, and there is nothing to bypass.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnAdminToken.AdminTokenSet.class)
public @interface ConditionalOnAdminToken {

    class AdminTokenSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return AdminToken.isSet(context.getEnvironment().getProperty(AdminToken.PROPERTY));
        }
    }
}
