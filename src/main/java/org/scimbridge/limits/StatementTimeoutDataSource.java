package org.scimbridge.limits;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Bounds every statement run through the store's {@link DataSource}, whoever runs it (JdbcTemplate, camel-sql,
 * camel-jdbc): each statement gets {@link Statement#setQueryTimeout} of the statement timeout, or of what is left
 * of the current request's {@link RequestBudget} if that is less. A statement asked for after the budget is spent
 * fails at once. The driver cancels a statement that runs out (H2 stops it, PostgreSQL gets a cancel request), so
 * no query keeps running for a request that was already answered. A timeout surfaces as an
 * {@link SQLTimeoutException} or SQLState 57014, which Spring and the SCIM error renderer read as a query timeout.
 */
public class StatementTimeoutDataSource extends DelegatingDataSource {

    private final long statementTimeoutMillis;

    public StatementTimeoutDataSource(DataSource target, Duration statementTimeout) {
        super(target);
        this.statementTimeoutMillis = statementTimeout.toMillis();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return bounded(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return bounded(obtainTargetDataSource().getConnection(username, password));
    }

    private Connection bounded(Connection target) {
        return (Connection) Proxy.newProxyInstance(ConnectionProxy.class.getClassLoader(),
                new Class<?>[] {ConnectionProxy.class}, new BoundedStatements(target));
    }

    void applyTimeout(Statement statement) throws SQLException {
        long millis = Math.min(statementTimeoutMillis, RequestBudget.remainingMillis());
        if (millis <= 0) {
            statement.close();
            throw new SQLTimeoutException("The request's time budget is spent", "57014");
        }
        statement.setQueryTimeout((int) Math.max(1, (millis + 999) / 1000));
    }

    private final class BoundedStatements implements InvocationHandler {
        private final Connection target;

        BoundedStatements(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getTargetConnection":
                    return target;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "Statement-bounded " + target;
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
                default:
                    break;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getTargetException();
            }
            if (result instanceof Statement statement) {
                applyTimeout(statement);
            }
            return result;
        }
    }
}
