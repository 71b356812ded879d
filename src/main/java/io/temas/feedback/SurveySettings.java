package io.temas.feedback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Surveys after resolution, as configured; an admin's choices in the console (stored in the
 * database) take their place once saved.
 *
 * @param enabled          whether resolved conversations get a survey at all
 * @param email            survey e-mail conversations (five one-click links)
 * @param sms              survey SMS conversations (a reply with one digit)
 * @param chat             record the chat's inline rating as the survey of a chat
 * @param webform          survey web-form conversations, by e-mail or SMS to the address the form left
 * @param quietPeriod      at most one survey per customer within this period
 * @param smsAnswerWindow  how long after the survey SMS a lone digit counts as the answer
 * @param linkKey          the key links are signed with (environment only); unset: one is made once and kept in the database
 * @param publicUrl        the address survey and rating links start with
 */
@ConfigurationProperties("temas.survey")
public record SurveySettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean email,
        @DefaultValue("true") boolean sms,
        @DefaultValue("true") boolean chat,
        @DefaultValue("true") boolean webform,
        @DefaultValue("30d") Duration quietPeriod,
        @DefaultValue("24h") Duration smsAnswerWindow,
        String linkKey,
        @DefaultValue("http://localhost:8080") String publicUrl) {

    /** The public address without a trailing slash. */
    String base() {
        return publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }
}
