import type { ChallengeAnswer } from './challenge-answer.js';
import { HINT_TEXT, INSTRUCTION_TEXT, MESSAGES } from './messages.js';

function element<T extends HTMLElement>(document: Document, id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`index.html has no <${type.name}> #${id}.`);
  return found;
}

/** The page's few moving parts. Texts change only when they differ, so screen readers announce each once. */
export class CaptureView {
  readonly preview: HTMLVideoElement;
  /** The full-screen colour of the light step (LightShow); hidden otherwise. */
  readonly lightScreen: HTMLElement;
  private readonly detector: HTMLElement;
  private readonly root: HTMLElement;
  private readonly instruction: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly progress: HTMLProgressElement;
  private readonly problem: HTMLElement;
  private readonly problemMessage: HTMLElement;
  private readonly problemReference: HTMLElement;

  constructor(document: Document) {
    this.root = element(document, 'capture', HTMLElement);
    this.preview = element(document, 'preview', HTMLVideoElement);
    this.lightScreen = element(document, 'light-screen', HTMLElement);
    this.detector = element(document, 'detector', HTMLElement);
    this.instruction = element(document, 'instruction', HTMLElement);
    this.hint = element(document, 'hint', HTMLElement);
    this.progress = element(document, 'progress', HTMLProgressElement);
    this.problem = element(document, 'problem', HTMLElement);
    this.problemMessage = element(document, 'problem-message', HTMLElement);
    this.problemReference = element(document, 'problem-reference', HTMLElement);
  }

  showAnswer(answer: ChallengeAnswer): void {
    setText(this.instruction, INSTRUCTION_TEXT[answer.instruction]);
    setText(this.hint, answer.hint ? HINT_TEXT[answer.hint] : '');
    this.progress.value = answer.progress;
  }

  /** What the light step will do, and the photosensitivity warning, read out before it starts. */
  showLightNotice(): void {
    setText(this.instruction, MESSAGES.lightNotice);
    setText(this.hint, MESSAGES.lightWarning);
  }

  /** The notice read, the colours start: the instruction while they show. */
  showLighting(): void {
    setText(this.instruction, INSTRUCTION_TEXT.light);
    setText(this.hint, '');
  }

  /** Rekognition mode: our preview and texts make way for Amplify's detector, rendered in the element returned. */
  showDetector(): HTMLElement {
    setText(this.instruction, '');
    this.root.classList.add('rekognition');
    this.detector.hidden = false;
    return this.detector;
  }

  showHint(text: string): void {
    setText(this.hint, text);
  }

  showDone(): void {
    this.showAnswer({ instruction: 'done', progress: 1, hint: null, returnUrl: null, light: null });
    this.root.classList.add('over');
  }

  /** Ends the check with what went wrong and, if the server gave one, a reference for support. */
  showProblem(message: string, reference: string | null = null): void {
    setText(this.instruction, '');
    setText(this.hint, '');
    setText(this.problemMessage, message);
    setText(this.problemReference, reference ? `Reference: ${reference}` : '');
    this.problem.hidden = false;
    this.root.classList.add('over', 'stopped');
  }
}

function setText(target: HTMLElement, text: string): void {
  if (target.textContent !== text) target.textContent = text;
}
