/**
 * Complaints and the customers they cost: the complaint mark on a conversation (set by a person or
 * by a keyword rule), the categories and rules an admin keeps, the complaint report, and the
 * win-back list of customers who had a bad experience and then went quiet.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "campaigns", "conversations", "customers", "platform", "shared"
})
package io.temas.complaints;
