package com.yourbit.video.api;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** CDI qualifier naming the provider a bean belongs to, e.g. {@code @NamedProvider("mux")}. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface NamedProvider {

    String value();

    final class Literal extends AnnotationLiteral<NamedProvider> implements NamedProvider {
        private static final long serialVersionUID = 1L;
        private final String value;

        public Literal(ProviderName name) {
            this.value = name.value();
        }

        @Override
        public String value() {
            return value;
        }
    }
}
