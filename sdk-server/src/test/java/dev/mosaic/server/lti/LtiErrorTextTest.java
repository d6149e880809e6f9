package dev.mosaic.server.lti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LtiErrorTextTest {
    @Test
    void theBrowsersPreferredLanguageAmongFrenchAndEnglishWins() {
        assertEquals("fr", LtiErrorText.language("fr-CA,fr;q=0.9,en;q=0.5"));
        assertEquals("en", LtiErrorText.language("en-GB,fr;q=0.7"));
        assertEquals("fr", LtiErrorText.language("de-DE,fr;q=0.8,en;q=0.6"));
        assertEquals("fr", LtiErrorText.language("en;q=0.3, fr;q=0.9"));
        assertEquals("en", LtiErrorText.language("de-DE"));
        assertEquals("en", LtiErrorText.language(null));
        assertEquals("en", LtiErrorText.language("fr;q=abc,en"));
    }

    @Test
    void everyErrorCodeHasAFrenchText() throws Exception {
        String docs = java.nio.file.Files.readString(locate("docs/lti.md"));
        java.util.regex.Matcher codes =
                java.util.regex.Pattern.compile("`(lti_[a-z_]+)`").matcher(docs);
        int checked = 0;
        while (codes.find()) {
            LtiErrorText.Page page = LtiErrorText.of(new LtiError(codes.group(1), 400, "english"), "fr");
            assertEquals("fr", page.lang());
            org.junit.jupiter.api.Assertions.assertNotEquals(
                    "english", page.message(), codes.group(1) + " has no French text");
            checked++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(checked >= 20, "codes found in docs/lti.md: " + checked);
    }

    private static java.nio.file.Path locate(String relative) {
        for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find " + relative);
    }
}
