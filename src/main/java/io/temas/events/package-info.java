/**
 * Events from other systems (branch visits, ATM use, banking sign-ins, orders, payments, churn, any named type): taken
 * one at a time or in batches from the API, and from CSV or NDJSON files imported in the background in resumable
 * chunks; each resolved to a customer through the identity graph, kept once per source id, put on the customer's
 * timeline, and every refused line kept with its raw text and the reason.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"customers", "platform", "shared"})
package io.temas.events;
