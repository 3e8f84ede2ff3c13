/**
 * Which URLs this service may fetch a video from, or have a provider fetch it from (the guard
 * against server-side request forgery). Shared by the domain, which checks a source URL before
 * any provider hears of it, and by the local provider, which checks every redirect and
 * connects only to the addresses it checked. Plain JDK; nothing else belongs here.
 */
package com.yourbit.video.api.ingest;
