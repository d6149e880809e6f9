package dev.mosaic.server.lti;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * The error page in the reader's language: English or French, from the browser's
 * {@code Accept-Language} (the id_token's locale cannot be trusted before it is verified). English
 * pages show {@link LtiError}'s own message, which names the details; French ones a translation per
 * code, with the English details folded away for the administrator.
 */
final class LtiErrorText {
    record Page(String lang, String title, String message, String codeLine, String detailsLabel) {}

    private static final Map<String, String> FRENCH = Map.ofEntries(
            Map.entry(
                    "lti_bad_request",
                    "Cette adresse s'ouvre depuis l'activité du cours. Retournez au cours et ouvrez l'activité de nouveau."),
            Map.entry(
                    "lti_unknown_platform",
                    "Cette plateforme d'apprentissage n'est pas enregistrée auprès de ce serveur Mosaic. L'administrateur doit l'ajouter."),
            Map.entry(
                    "lti_unknown_deployment",
                    "Ce déploiement de la plateforme n'est pas enregistré auprès de Mosaic. L'administrateur doit ajouter son identifiant."),
            Map.entry(
                    "lti_bad_target",
                    "L'adresse de lancement configurée dans la plateforme n'est pas celle de Mosaic (…/lti/launch)."),
            Map.entry(
                    "lti_platform_error",
                    "La plateforme a refusé la connexion. Connectez-vous à la plateforme et ouvrez l'activité de nouveau."),
            Map.entry(
                    "lti_bad_state",
                    "Ce lancement n'a pas été commencé par ce serveur Mosaic, ou a été modifié en route. Ouvrez l'activité de nouveau depuis le cours."),
            Map.entry(
                    "lti_state_expired",
                    "Le lancement a pris trop de temps. Ouvrez l'activité de nouveau depuis le cours."),
            Map.entry("lti_bad_token", "La plateforme a envoyé un jeton d'identité illisible."),
            Map.entry("lti_bad_algorithm", "Le jeton d'identité de la plateforme doit être signé en RS256."),
            Map.entry(
                    "lti_bad_signature",
                    "La signature du jeton d'identité ne correspond pas aux clés publiées par la plateforme."),
            Map.entry(
                    "lti_jwks_unavailable",
                    "Mosaic n'a pas pu obtenir les clés de signature de la plateforme. Réessayez dans un instant ; si cela persiste, l'administrateur doit vérifier l'adresse JWKS."),
            Map.entry(
                    "lti_wrong_issuer",
                    "Le jeton d'identité vient d'une autre plateforme que celle du début de la connexion."),
            Map.entry("lti_wrong_audience", "Le jeton d'identité est destiné à un autre outil."),
            Map.entry(
                    "lti_token_expired",
                    "Le lancement a expiré avant d'arriver à Mosaic. Ouvrez l'activité de nouveau ; si cela se répète, vérifiez l'horloge des serveurs."),
            Map.entry(
                    "lti_nonce_mismatch",
                    "Le jeton d'identité n'appartient pas à cette connexion. Ouvrez l'activité de nouveau depuis le cours."),
            Map.entry(
                    "lti_nonce_used",
                    "Ce lancement a déjà servi (chacun ne sert qu'une fois). Ouvrez l'activité de nouveau depuis le cours."),
            Map.entry(
                    "lti_unsupported_message",
                    "Mosaic ne prend en charge que les liens de ressource (pas encore le Deep Linking)."),
            Map.entry("lti_unsupported_version", "Mosaic parle LTI 1.3.0 ; la plateforme a envoyé une autre version."),
            Map.entry(
                    "lti_missing_claim",
                    "Le lancement ne dit pas quelle activité ou quelle personne : la plateforme doit partager l'identifiant de l'utilisateur et du lien."),
            Map.entry("lti_internal_error", "Mosaic n'a pas pu terminer le lancement. Réessayez dans un instant."));

    private LtiErrorText() {}

    static Page of(LtiError error, String acceptLanguage) {
        if ("fr".equals(language(acceptLanguage))) {
            return new Page(
                    "fr",
                    "La réunion n'a pas pu s'ouvrir",
                    FRENCH.getOrDefault(error.code(), error.getMessage()),
                    "Si cela se reproduit, donnez ce code à votre enseignant ou à l'administrateur de la plateforme.",
                    "Détails techniques (en anglais)");
        }
        return new Page(
                "en",
                "The meeting could not open",
                error.getMessage(),
                "If this keeps happening, give this code to your teacher or your school's LMS administrator.",
                null);
    }

    /** {@code fr} or {@code en}: the first of the two in the header's order of preference; English otherwise. */
    static String language(String acceptLanguage) {
        if (acceptLanguage == null) {
            return "en";
        }
        return Arrays.stream(acceptLanguage.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .sorted(Comparator.comparingDouble(LtiErrorText::quality).reversed())
                .map(s -> s.split(";")[0].strip().toLowerCase(Locale.ROOT))
                .map(tag -> tag.startsWith("fr") ? "fr" : tag.startsWith("en") ? "en" : null)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse("en");
    }

    private static double quality(String entry) {
        for (String part : entry.split(";")) {
            String p = part.strip();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
