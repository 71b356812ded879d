/**
 * Routing: entry points, queues and skills, ordered routing rules as named policies, agents and
 * their capacity, assignment, business hours, SLA clocks and the expected response time.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
        "channels", "channels::email", "conversations", "customers", "platform", "shared"
})
package io.temas.routing;
