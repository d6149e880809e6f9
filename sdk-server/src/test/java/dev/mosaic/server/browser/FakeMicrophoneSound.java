package dev.mosaic.server.browser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * WAV files for Chromium's fake microphone ({@code --use-file-for-fake-audio-capture}), which plays
 * them in a loop. Chromium's own fake microphone beeps briefly once a second, so a level sampled
 * every 250 ms rarely sees it; these files give a browser test a person who talks and people who do
 * not.
 */
final class FakeMicrophoneSound {
    private static final int RATE = 48_000;

    private FakeMicrophoneSound() {}

    /**
     * Eight seconds of speech-like sound: voiced syllables of 120–300 ms (a 120–220 Hz fundamental
     * with harmonics shaped by two vowel-like formants) at about four a second, short gaps between
     * them and a phrase pause now and then, peaking at −3 dBFS. Not speech, but what a level meter,
     * an echo canceller and a noise suppressor see as a loud talker.
     */
    static Path speech(Path dir) {
        double[] samples = new double[RATE * 8];
        Random random = new Random(20261125); // the same file every run
        int at = 0;
        int syllablesInPhrase = 0;
        double phase = 0;
        while (at < samples.length) {
            int length = (int) (RATE * (0.12 + 0.18 * random.nextDouble()));
            double f1 = 300 + 500 * random.nextDouble();
            double f2 = 900 + 1300 * random.nextDouble();
            double pitchOffset = 30 * (random.nextDouble() - 0.5);
            for (int i = 0; i < length && at + i < samples.length; i++) {
                double t = (at + i) / (double) RATE;
                double f0 = 150 + pitchOffset + 50 * Math.sin(2 * Math.PI * t / 1.7);
                phase += 2 * Math.PI * f0 / RATE;
                double voiced = 0;
                for (int k = 1; k <= 15; k++) {
                    double f = k * f0;
                    double gain = (1 + 3 * Math.exp(-sq((f - f1) / 150)) + 2 * Math.exp(-sq((f - f2) / 200))) / k;
                    voiced += gain * Math.sin(k * phase);
                }
                double envelope = Math.pow(Math.sin(Math.PI * i / length), 0.7);
                samples[at + i] = envelope * voiced;
            }
            at += length;
            boolean phraseEnds = ++syllablesInPhrase >= 5 + random.nextInt(4);
            if (phraseEnds) syllablesInPhrase = 0;
            at += (int) (RATE * (phraseEnds ? 0.25 + 0.1 * random.nextDouble() : 0.04 + 0.06 * random.nextDouble()));
        }
        double peak = 0;
        for (double s : samples) peak = Math.max(peak, Math.abs(s));
        for (int i = 0; i < samples.length; i++) samples[i] *= 0.7 / peak;
        return write(dir.resolve("speech.wav"), samples);
    }

    /** One second of digital silence. */
    static Path silence(Path dir) {
        return write(dir.resolve("silence.wav"), new double[RATE]);
    }

    private static Path write(Path file, double[] samples) {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (double s : samples) pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * Short.MAX_VALUE));
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in =
                new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static double sq(double x) {
        return x * x;
    }
}
