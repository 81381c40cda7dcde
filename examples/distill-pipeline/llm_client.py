"""Thin wrapper around the Anthropic client used by the generation scripts."""
import os

import anthropic

client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

MODEL = "claude-sonnet-4-5"


def ask_claude(prompt: str, max_tokens: int = 4096) -> dict:
    """Send one prompt and return the answer together with the model's thinking."""
    response = client.messages.create(
        model=MODEL,
        max_tokens=max_tokens,
        thinking={"type": "enabled", "budget_tokens": 2048},
        messages=[{"role": "user", "content": prompt}],
    )
    thinking = "".join(block.thinking for block in response.content if block.type == "thinking")
    answer = "".join(block.text for block in response.content if block.type == "text")
    return {"thinking": thinking, "answer": answer}
