/** Offers `content` to the user as a file download. */
export function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens the browser's file dialog and resolves with the chosen file, or null if cancelled. */
export function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
}

/** Calls `onFile` for a file dropped on `target`, and marks the target while a file is over it. */
export function acceptDroppedFiles(target: HTMLElement, onFile: (file: File) => void): void {
  target.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    target.classList.add('tb-drop-target');
  });
  target.addEventListener('dragleave', () => target.classList.remove('tb-drop-target'));
  target.addEventListener('drop', (event) => {
    target.classList.remove('tb-drop-target');
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    onFile(file);
  });
}

/** `施工许可.bpmn` → `施工许可`; used to name the saved files after the opened one. */
export function baseName(fileName: string): string {
  return fileName.replace(/\.(bpmn|xml|bpmn20\.xml)$/i, '') || 'diagram';
}
