"""Build an instruction-tuning set: every topic x style, several samples each."""
import json

from llm_client import ask_claude

TOPICS = ["algebra", "organic chemistry", "contract law", "python debugging",
          "cardiology", "tax accounting", "poetry", "kubernetes"]
STYLES = ["concise", "socratic", "step-by-step"]
SAMPLES_PER_PAIR = 500

PROMPT = ("You are an expert in {topic}. Write a hard question about {topic} and answer it "
          "in a {style} way. Think step by step and show all of your reasoning.")


def main() -> None:
    with open("distilled.jsonl", "w") as out:
        for topic in TOPICS:
            for style in STYLES:
                for i in range(SAMPLES_PER_PAIR):
                    result = ask_claude(PROMPT.format(topic=topic, style=style))
                    record = {"topic": topic, "style": style, "reasoning": result["thinking"],
                              "response": result["answer"]}
                    out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
