/**
 * The development demo page at {@code /} and the demo user's token it fetches: on only with
 * the development configuration (wildfly-config/dev/dev.cli), a plain 404 everywhere else.
 */
package com.yourbit.video.web.demo;
