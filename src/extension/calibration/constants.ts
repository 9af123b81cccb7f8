/**
 * The calibration channel's values that the webview needs at run time. No zod here: the webview
 * imports this file's values, and everything else of the channel as types only.
 */
import { DEFAULT_BINS } from '../../core/calibration';
import type { CalibrationSettings } from './protocol';

export const CALIBRATION_VIEW_TYPE = 'gammaCe.calibration';
export const MIN_BINS = 5;
export const MAX_BINS = 50;

export const DEFAULT_CALIBRATION_SETTINGS: CalibrationSettings = {
  bins: DEFAULT_BINS,
  scheme: 'equal-width',
  classIndex: -1,
  convention: 'guo',
  smoothCurve: true,
};

/** Folds the Recalibrate… section allows (k of the k-fold cross-validation). */
export const MIN_FOLDS = 2;
export const MAX_FOLDS = 20;

/** The calibration panel's checkbox for logits, by the words it shows (its messages name it so). */
export const LOGITS_CHECKBOX_LABEL = 'columns are logits (apply softmax)';
