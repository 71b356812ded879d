package io.temas.feedback;

import java.util.UUID;

/**
 * A customer answered a survey (on its page, by an SMS digit or with a chat's rating), published in the transaction that
 * records it: their satisfaction facts moved.
 */
public record SurveyAnswered(UUID customerId) {
}
