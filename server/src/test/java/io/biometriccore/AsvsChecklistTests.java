package io.biometriccore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Keeps the OWASP ASVS 5.0 checklist of docs/security.md honest: it names every requirement vendored
 * in docs/asvs at its own level, every level 1 and 2 requirement is met or not applicable, a met one
 * names the tests that prove it, and every named test exists, is a test, and is not disabled.
 */
class AsvsChecklistTests {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern ROW = Pattern.compile("^\\| (V\\d+\\.\\d+\\.\\d+) \\|(.*)\\|\\s*$");
    private static final Pattern TEST = Pattern.compile("`([A-Z]\\w*(?:\\.[A-Z]\\w*)*)#(\\w+)`");
    private static final Set<String> STATUSES = Set.of("met", "n/a", "not met");

    record Requirement(String id, int level) {
    }

    record Row(String id, int level, String status, String how, List<String> tests) {
    }

    @Test
    void theChecklistNamesEveryVendoredRequirementAtItsLevelAndNothingElse() throws IOException {
        Map<String, Integer> vendored = vendored();
        Map<String, Row> rows = checklist();
        assertThat(vendored).hasSize(90);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(vendored.keySet());
        rows.values().forEach(row -> assertThat(row.level()).as(row.id()).isEqualTo(vendored.get(row.id())));
    }

    @Test
    void everyRequirementUpToLevelTwoIsMetOrNotApplicableWithItsReason() throws IOException {
        for (Row row : checklist().values()) {
            assertThat(row.status()).as(row.id()).isIn(STATUSES);
            if (row.level() <= 2) {
                assertThat(row.status()).as(row.id() + " is level " + row.level()).isNotEqualTo("not met");
            }
            assertThat(row.how()).as(row.id() + ": how, or why not").hasSizeGreaterThan(15);
            if (row.status().equals("met")) {
                assertThat(row.tests()).as(row.id() + " is met, so some test proves it").isNotEmpty();
            }
        }
    }

    @Test
    void everyNamedTestExistsAndIsNotDisabled() throws IOException {
        Map<String, List<Class<?>>> classes = testClassesBySimpleName();
        List<String> problems = new ArrayList<>();
        Set<String> named = checklist().values().stream().flatMap(row -> row.tests().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        for (String test : named) {
            problems.addAll(problemsOf(test, classes));
        }
        assertThat(problems).isEmpty();
        assertThat(named).hasSizeGreaterThan(60);
    }

    @Test
    void theCheckFindsAMissingADisabledAndAnUnknownTest() throws IOException {
        Map<String, List<Class<?>>> classes = testClassesBySimpleName();
        assertThat(problemsOf("AsvsChecklistTests#everyNamedTestExistsAndIsNotDisabled", classes)).isEmpty();
        assertThat(problemsOf("AsvsChecklistTests#noSuchTest", classes)).singleElement().asString()
                .contains("no test method");
        assertThat(problemsOf("AsvsChecklistTests.SwitchedOff#looksLikeATest", classes)).singleElement().asString()
                .contains("disabled");
        assertThat(problemsOf("NoSuchTests#anything", classes)).singleElement().asString().contains("no test class");
    }

    /** A test class that is off, for the check above to find. */
    @org.junit.jupiter.api.Disabled("exists only to be found disabled by theCheckFindsAMissingADisabledAndAnUnknownTest")
    static class SwitchedOff {
        @Test
        void looksLikeATest() {
            assertThat(true).isFalse();
        }
    }

    private static List<String> problemsOf(String test, Map<String, List<Class<?>>> classes) {
        String[] parts = test.split("#");
        List<Class<?>> candidates = classes.getOrDefault(parts[0], List.of());
        if (candidates.size() != 1) {
            return List.of(test + ": " + (candidates.isEmpty() ? "no test class" : "ambiguous class") + " " + parts[0]);
        }
        Class<?> type = candidates.getFirst();
        List<Method> methods = Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.getName().equals(parts[1]) && isTestable(m)).toList();
        if (methods.isEmpty()) {
            return List.of(test + ": no test method " + parts[1] + " in " + type.getName());
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (isDisabled(c)) {
                return List.of(test + ": class " + c.getName() + " is disabled");
            }
        }
        return methods.stream().filter(AsvsChecklistTests::isDisabled).map(m -> test + ": method is disabled").toList();
    }

    /** {@code @Test}, {@code @ParameterizedTest} and the others JUnit runs are all meta-annotated {@code @Testable}. */
    private static boolean isTestable(Method method) {
        return AnnotationSupport.isAnnotated(method, Testable.class);
    }

    /** Switched off for good, or on a condition (the {@code @DisabledIf...} and {@code @EnabledIf...} families). */
    private static boolean isDisabled(AnnotatedElement element) {
        return AnnotationSupport.isAnnotated(element, org.junit.jupiter.api.Disabled.class)
                || Arrays.stream(element.getAnnotations()).map(Annotation::annotationType).map(Class::getSimpleName)
                        .anyMatch(name -> name.startsWith("DisabledIf") || name.startsWith("EnabledIf")
                                || name.startsWith("DisabledOn") || name.startsWith("EnabledOn"));
    }

    private static Map<String, List<Class<?>>> testClassesBySimpleName() throws IOException {
        Map<String, List<Class<?>>> byName = new LinkedHashMap<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:io/biometriccore/**/*.class")) {
            String url = resource.getURL().toString();
            String binary = url.substring(url.lastIndexOf("io/biometriccore/"), url.length() - ".class".length())
                    .replace('/', '.');
            String simple = binary.substring(binary.lastIndexOf('.') + 1).replace('$', '.');
            if (!simple.matches("([A-Z]\\w*\\.)*[A-Z]\\w*")) {
                continue;
            }
            try {
                Class<?> type = Class.forName(binary, false, AsvsChecklistTests.class.getClassLoader());
                byName.computeIfAbsent(simple, k -> new ArrayList<>()).add(type);
            } catch (ClassNotFoundException | LinkageError e) {
                // Not loadable on the test class path: not a test this checklist can name.
            }
        }
        return byName;
    }

    private static Map<String, Integer> vendored() throws IOException {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(DOCS.resolve("asvs/asvs-5.0.0-v6-v7-v9-v16.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", 3);
            ids.put(fields[0], Integer.parseInt(fields[1]));
        }
        return ids;
    }

    private static Map<String, Row> checklist() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCS.resolve("security.md"), StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            String[] cells = row.group(2).split("\\|", -1);
            assertThat(cells).as(line).hasSize(4);
            List<String> tests = new ArrayList<>();
            Matcher test = TEST.matcher(cells[3]);
            while (test.find()) {
                tests.add(test.group(1) + "#" + test.group(2));
            }
            Row parsed = new Row(row.group(1), Integer.parseInt(cells[0].strip()), cells[1].strip(), cells[2].strip(), tests);
            assertThat(rows.put(parsed.id(), parsed)).as("%s is listed once", parsed.id()).isNull();
        }
        return rows;
    }
}
