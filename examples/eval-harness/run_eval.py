"""Nightly regression eval of the support bot's prompts against a fixed benchmark."""
import json

from openai import OpenAI

client = OpenAI()


def load_cases(path: str) -> list[dict]:
    with open(path) as f:
        return [json.loads(line) for line in f]


def grade(expected: str, actual: str) -> float:
    return 1.0 if expected.strip().lower() in actual.strip().lower() else 0.0


def run_benchmark(cases_path: str = "benchmark/support_cases.jsonl") -> float:
    cases = load_cases(cases_path)
    scores = []
    for case in cases:
        completion = client.chat.completions.create(
            model="gpt-4o-mini",
            temperature=0,
            messages=[{"role": "system", "content": case["system"]},
                      {"role": "user", "content": case["question"]}],
        )
        scores.append(grade(case["expected"], completion.choices[0].message.content))
    accuracy = sum(scores) / len(scores)
    with open("eval_scores.json", "w") as f:
        json.dump({"accuracy": accuracy, "cases": len(cases)}, f)
    return accuracy


if __name__ == "__main__":
    print(f"accuracy: {run_benchmark():.3f}")
