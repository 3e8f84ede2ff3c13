/**
 * MicroProfile Health checks. They live in this library jar, not in the web or EJB module,
 * because WildFly registers health checks only from an EAR's top-level deployment (its
 * {@code lib/} jars), not from its sub-deployments (WFLY-12835).
 */
package com.yourbit.video.providers.health;
