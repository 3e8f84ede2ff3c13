/**
 * The worker that carries moves of videos between providers forward on every node
 * ({@code videos.MoveService} holds the use cases; this package only schedules them).
 */
package com.yourbit.video.domain.moves;
