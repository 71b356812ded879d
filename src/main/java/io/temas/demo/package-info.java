/** The demo organisation: a Turkish company with billing, technical and general queues, agents and customers. */
package io.temas.demo;
