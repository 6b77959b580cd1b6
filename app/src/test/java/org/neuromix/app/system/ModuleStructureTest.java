package org.neuromix.app.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules say what they own: no package cycle anywhere (app and engine, every package on its
 * own), each table is read and written only by the feature that owns it, and only the storage
 * package knows the store's key layout.
 */
class ModuleStructureTest {
    private static final Path MAIN_SOURCES = Path.of("src/main/java/org/neuromix/app");
    /** Table → the package (under org.neuromix.app) that owns it; db-scheduler's own table is nobody's to query. */
    private static final Map<String, String> TABLE_OWNERS = Map.ofEntries(
            Map.entry("accounts", "account"), Map.entry("email_tokens", "account"), Map.entry("api_tokens", "account"),
            Map.entry("email_log", "account"), Map.entry("policy_versions", "account"), Map.entry("login_failures", "account"),
            Map.entry("mix_sessions", "session"), Map.entry("session_files", "session"), Map.entry("revisions", "session"),
            Map.entry("session_log", "session"), Map.entry("audit_log", "privacy"), Map.entry("support_grants", "privacy"),
            Map.entry("breach_incidents", "privacy"), Map.entry("breach_notices", "privacy"), Map.entry("rights_requests", "privacy"),
            Map.entry("scheduled_tasks", "-"), Map.entry("spring_session", "-"), Map.entry("spring_session_attributes", "-"));
    private static final Pattern SQL_TABLE = Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_]+)\\b");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.neuromix");
    }

    @Test
    void noPackageCycleInTheApp() {
        slices().matching("org.neuromix.app.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noPackageCycleInTheEngine() {
        slices().matching("org.neuromix.engine.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEngineKnowsNothingOfTheService() {
        noClasses().that().resideInAPackage("org.neuromix.engine..").should().dependOnClassesThat()
                .resideInAPackage("org.neuromix.app..").check(classes);
    }

    @Test
    void eachTableIsQueriedOnlyByItsOwner() throws IOException {
        List<String> foreign = new ArrayList<>();
        for (Path source : javaSources()) {
            String feature = MAIN_SOURCES.relativize(source).getName(0).toString();
            Matcher m = SQL_TABLE.matcher(stringLiterals(Files.readString(source)));
            while (m.find()) {
                String owner = TABLE_OWNERS.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
                if (owner != null && !owner.equals(feature)) {
                    foreign.add(MAIN_SOURCES.relativize(source) + " queries " + m.group(1) + " (owned by " + owner + ")");
                }
            }
        }
        assertEquals(List.of(), foreign, "features reach each other's data through methods, not SQL");
    }

    @Test
    void onlyStorageSpellsKeys() throws IOException {
        List<String> spelled = new ArrayList<>();
        for (Path source : javaSources()) {
            String feature = MAIN_SOURCES.relativize(source).getName(0).toString();
            if (!feature.equals("storage") && Pattern.compile("(^| )sessions/").matcher(stringLiterals(Files.readString(source))).find()) {
                spelled.add(MAIN_SOURCES.relativize(source).toString());
            }
        }
        assertEquals(List.of(), spelled, "store keys are made by SessionKeys");
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java") && MAIN_SOURCES.relativize(f).getNameCount() > 1).toList();
        }
    }

    /** The string literals of a source file, joined (SQL and keys live in them; comments and names do not count). */
    static String stringLiterals(String source) {
        StringBuilder literals = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = Math.max(source.indexOf('\n', i), i + 1);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (c == '\'') {
                i = source.indexOf('\'', source.charAt(i + 1) == '\\' ? i + 3 : i + 2) + 1; // a char literal
            } else if (c == '"') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != '"') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                literals.append(source, i + 1, Math.min(j, source.length())).append(' ');
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals.toString();
    }
}
