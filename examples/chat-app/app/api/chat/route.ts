// Chat endpoint: answers one user message per request.
import Anthropic from '@anthropic-ai/sdk';
import { NextRequest, NextResponse } from 'next/server';

const anthropic = new Anthropic();

export async function POST(req: NextRequest) {
  const { messages, userId } = await req.json();
  const response = await anthropic.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 1024,
    system: 'You are a helpful assistant for Acme support.',
    messages,
    metadata: { user_id: userId },
  });
  const text = response.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  return NextResponse.json({ text });
}
