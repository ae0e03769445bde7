package org.scimbridge.sink.ldap;

import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The reconcile command: {@code java -jar scim-bridge.jar --reconcile=<sink> --directory=<id> [--dry-run]}.
 * {@code ScimBridgeApplication} starts such a run without web server, embedded LDAP server or sink pollers, and
 * exits with this runner's code once it printed the changes: 0 done, 1 failed, 2 usage.
 */
@Component
@ConditionalOnProperty(name = "reconcile")
public class ReconcileCommand implements ApplicationRunner, ExitCodeGenerator {

    private final LdapReconciler reconciler;
    private final PrintStream out;
    private int exitCode;

    public ReconcileCommand(LdapReconciler reconciler) {
        this.reconciler = reconciler;
        this.out = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> sink = args.getOptionValues("reconcile");
        List<String> directory = args.getOptionValues("directory");
        if (sink == null || sink.size() != 1 || sink.get(0).isBlank() || directory == null || directory.size() != 1) {
            out.println("usage: --reconcile=<ldap sink> --directory=<directory id> [--dry-run]");
            exitCode = 2;
            return;
        }
        boolean dryRun = args.containsOption("dry-run");
        try {
            LdapReconciler.Result result = reconciler.reconcile(sink.get(0), directory.get(0), dryRun, out::println);
            out.print(result.ldif());
            out.flush();
            exitCode = 0;
        } catch (RuntimeException e) {
            out.println("# reconcile failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
