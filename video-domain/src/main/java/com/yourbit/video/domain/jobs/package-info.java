/**
 * The job queue's consumer: providers' background jobs, delivered as messages with bounded
 * concurrency and handed to the provider that runs them.
 */
package com.yourbit.video.domain.jobs;
