/**
 * Scores and alerts: scores (value, risk, satisfaction and any an admin adds) and alert rules written
 * in a small rule language over a fixed catalogue of facts about a customer, computed with set-based
 * SQL, kept current as the customer's conversations, complaints, stage and events change, and
 * recomputed for everyone when a rule is edited.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "complaints", "conversations", "customers", "feedback", "platform", "shared"
})
package io.temas.scoring;
