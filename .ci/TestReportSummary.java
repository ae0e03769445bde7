import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Sums Surefire/Failsafe XML reports and checks that required test classes really ran.
 *
 * <pre>
 * java .ci/TestReportSummary.java [--require LABEL=Suffix1,Suffix2]... REPORT.xml...
 * </pre>
 *
 * A requirement is met when at least one class whose simple name ends with one of the suffixes has
 * tests &gt; 0 and skipped = 0 (a PostgreSQL test that skips itself because no server was found does not count).
 * The last line printed is "N passed, N failed, N skipped", which CI reads. Exit status: 0 when every
 * report parsed, nothing failed and every requirement is met; 1 otherwise; 2 on bad arguments.
 */
public class TestReportSummary {

    record Suite(String name, int tests, int failed, int skipped) {
        String simpleName() {
            String n = name;
            int nested = n.indexOf('$');
            if (nested >= 0) {
                n = n.substring(0, nested);
            }
            return n.substring(n.lastIndexOf('.') + 1);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> requirements = new LinkedHashMap<>();
        List<File> reports = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--require") && i + 1 < args.length) {
                String[] labelAndSuffixes = args[++i].split("=", 2);
                if (labelAndSuffixes.length != 2 || labelAndSuffixes[1].isBlank()) {
                    System.err.println("bad --require, expected LABEL=Suffix1,Suffix2: " + args[i]);
                    System.exit(2);
                }
                requirements.put(labelAndSuffixes[0], List.of(labelAndSuffixes[1].split(",")));
            } else {
                reports.add(new File(args[i]));
            }
        }

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);

        List<Suite> suites = new ArrayList<>();
        boolean ok = true;
        for (File report : reports) {
            try {
                DocumentBuilder builder = factory.newDocumentBuilder();
                builder.setErrorHandler(new DefaultHandler() { // report once, below, not on stderr too
                    @Override
                    public void fatalError(SAXParseException e) throws SAXParseException {
                        throw e;
                    }
                });
                Element root = builder.parse(report).getDocumentElement();
                suites.add(new Suite(root.getAttribute("name"), intAttr(root, "tests"),
                        intAttr(root, "failures") + intAttr(root, "errors"), intAttr(root, "skipped")));
            } catch (Exception e) {
                System.out.println("UNREADABLE report " + report + ": " + e.getMessage());
                ok = false;
            }
        }

        int tests = 0, failed = 0, skipped = 0;
        for (Suite s : suites) {
            tests += s.tests();
            failed += s.failed();
            skipped += s.skipped();
            if (s.failed() > 0) {
                System.out.printf("FAILED  %s: %d of %d tests failed%n", s.name(), s.failed(), s.tests());
            }
        }
        System.out.printf("Test reports: %d files, %d classes%n", reports.size(), suites.size());

        for (Map.Entry<String, List<String>> req : requirements.entrySet()) {
            String pattern = "*" + String.join(", *", req.getValue());
            List<Suite> matching = suites.stream()
                    .filter(s -> req.getValue().stream().anyMatch(suffix -> s.simpleName().endsWith(suffix)))
                    .toList();
            List<Suite> ranFully = matching.stream().filter(s -> s.tests() > 0 && s.skipped() == 0).toList();
            if (!ranFully.isEmpty()) {
                for (Suite s : ranFully) {
                    System.out.printf("%s tests ran: %s (%d tests)%n", req.getKey(), s.name(), s.tests());
                }
            } else if (matching.isEmpty()) {
                System.out.printf("MISSING %s tests: no class named %s ran%n", req.getKey(), pattern);
                ok = false;
            } else {
                for (Suite s : matching) {
                    System.out.printf("SKIPPED %s tests: %s ran %d tests, %d skipped%n",
                            req.getKey(), s.name(), s.tests(), s.skipped());
                }
                System.out.printf("MISSING %s tests: no class named %s ran all its tests%n", req.getKey(), pattern);
                ok = false;
            }
        }

        if (failed > 0) {
            ok = false;
        }
        System.out.printf("%d passed, %d failed, %d skipped%n", tests - failed - skipped, failed, skipped);
        System.exit(ok ? 0 : 1);
    }

    private static int intAttr(Element e, String name) {
        String v = e.getAttribute(name).trim();
        return v.isEmpty() ? 0 : Integer.parseInt(v);
    }
}
