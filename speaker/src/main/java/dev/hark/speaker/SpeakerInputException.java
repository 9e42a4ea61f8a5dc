package dev.hark.speaker;

/**
 * Audio that cannot give a trustworthy voice print: silent, or too little speech. The message says
 * what is wrong in words fit for a user ("silent (loudest frame -72 dBFS)"); callers prefix the
 * input's name.
 */
public class SpeakerInputException extends IllegalArgumentException {
    public SpeakerInputException(String message) {
        super(message);
    }
}
