// Renders a conversation; no model calls here.
type Message = { role: 'user' | 'assistant'; content: string };

export function History({ messages }: { messages: Message[] }) {
  return (
    <ul>
      {messages.map((m, i) => (
        <li key={i} className={m.role}>{m.content}</li>
      ))}
    </ul>
  );
}
