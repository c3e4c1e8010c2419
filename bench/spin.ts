// Keeps one core busy while the scheduling bench runs (a noisy neighbour, on purpose).
for (;;) Math.sqrt(Math.random());
