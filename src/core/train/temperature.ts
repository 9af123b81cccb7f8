// Temperature scaling of the "… + TS" baselines: the same fit as `gamma-ce recalibrate --method temperature`.
export { fitTemperature, softmaxWithTemperature, temperedNll } from '../recalibration/temperature';
