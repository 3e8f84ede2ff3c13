package com.yourbit.video.providers.common;

import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The providers' time source: {@code @Inject @ProviderClock Clock clock}, produced by
 * {@link ProviderClockProducer}.
 *
 * <p>Why a qualifier of their own: this jar sits in the EAR's {@code lib/}, whose beans see
 * only beans of {@code lib/}, so the domain's {@code Clock} producer in the EJB module is out
 * of their reach; the EJB and web modules, on the other hand, do see the beans of
 * {@code lib/}, so an unqualified {@code Clock} produced here would make their
 * {@code @Inject Clock} ambiguous.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface ProviderClock {
}
