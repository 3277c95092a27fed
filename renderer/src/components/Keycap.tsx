// A key drawn as a keycap («Ctrl+Z» becomes two caps joined by «+»), used in hints, the legend and help.
export function Keycap({ keys, className }: { keys: string; className?: string }) {
  const parts = keys === '+' ? ['+'] : keys.split('+');
  return (
    <span className={className ? `keycaps ${className}` : 'keycaps'} aria-label={`клавиша ${keys}`}>
      {parts.map((part, i) => (
        <kbd key={i} className="keycap">{part}</kbd>
      ))}
    </span>
  );
}
