/** A run's test predictions in the calibration panel's format: one column per class, then `label`. */
export function predictionsCsv(classNames: string[], probs: ArrayLike<number>, labels: ArrayLike<number>): string {
  const k = classNames.length;
  const lines = [[...classNames.map(csvField), 'label'].join(',')];
  for (let i = 0; i < labels.length; i++) {
    const row: string[] = [];
    for (let c = 0; c < k; c++) row.push(String(probs[i * k + c]));
    row.push(csvField(classNames[labels[i]]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
