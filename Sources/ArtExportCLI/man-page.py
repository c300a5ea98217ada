#!/usr/bin/env python3
"""Writes artexport's man page (man(7)) on standard output, from the argument
parser's own description of the command: `artexport --experimental-dump-help`,
the JSON that swift-argument-parser's generate-manual reads too. That tool is
not used because it describes every command as taking a subcommand (the parser
adds `help` to every root command) and reflows the discussion's tables.

    python3 man-page.py path/to/artexport > artexport.1

The discussion's paragraphs become DESCRIPTION; a line in capitals (EXAMPLES,
EXIT STATUS) starts a section of its own, and indented lines are kept as they
are. Without SOURCE_DATE_EPOCH the page has no date, so it is the same at
every build.
"""
import json
import os
import re
import subprocess
import sys
import time


def roff(text):
    """Text escaped for roff: backslashes, hyphens (so options copy as typed)
    and a leading dot or quote, which would start a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def names(argument):
    spelled = []
    for name in sorted(argument.get("names", []), key=lambda n: n["kind"] != "short"):
        dash = "-" if name["kind"] in ("short", "longWithSingleDash") else "--"
        spelled.append("\\fB" + roff(dash + name["name"]) + "\\fR")
    value = argument.get("valueName")
    if argument["kind"] == "positional":
        return "\\fI" + roff(value) + "\\fR" + ("..." if argument.get("isRepeating") else "")
    if argument["kind"] == "option":
        return ", ".join(spelled) + " \\fI" + roff(value) + "\\fR"
    return ", ".join(spelled)


def sections(discussion):
    """(title, lines) pairs: the first is DESCRIPTION."""
    result = [("DESCRIPTION", [])]
    for line in discussion.split("\n"):
        if re.fullmatch(r"[A-Z][A-Z ]+", line):
            result.append((line, []))
        else:
            result[-1][1].append(line)
    return result


def body(lines):
    out, verbatim = [], False
    for line in lines:
        indented = line.startswith(" ")
        if indented and not verbatim:
            out += [".PP", ".nf", ".RS 4"]
        elif not indented and verbatim:
            out += [".RE", ".fi"]
        verbatim = indented
        if not line.strip():
            if not verbatim and out and out[-1] != ".PP":
                out.append(".PP")
            continue
        out.append(roff(line[2:] if indented else line))
    if verbatim:
        out += [".RE", ".fi"]
    while out and out[-1] == ".PP":
        out.pop()
    return out


def main(tool):
    command = json.loads(subprocess.run([tool, "--experimental-dump-help"], check=True, capture_output=True).stdout)["command"]
    version = subprocess.run([tool, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    name = command["commandName"]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    date = time.strftime("%Y-%m-%d", time.gmtime(int(epoch))) if epoch else ""
    shown = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]

    out = ['.\\" Made by man-page.py from `%s --experimental-dump-help`; edit the command, not this page.' % name,
           '.TH %s 1 "%s" "%s %s" "User Commands"' % (name.upper(), date, name, version),
           ".SH NAME",
           "%s \\- %s" % (name, roff(command.get("abstract", "").rstrip("."))),
           ".SH SYNOPSIS",
           ".B %s" % name]
    for argument in shown:
        if argument["kind"] == "positional":
            out.append(names(argument))
        elif argument["preferredName"]["name"] not in ("help", "version"):
            out.append("[" + names(argument).split(", ")[-1] + "]")
    parts = sections(command.get("discussion", ""))
    out += [".SH DESCRIPTION"] + body(parts[0][1])
    out.append(".SH OPTIONS")
    for argument in shown:
        out += [".TP", names(argument), roff(argument.get("abstract", ""))]
    for title, lines in parts[1:]:
        out += [".SH " + title] + body(lines)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: man-page.py path/to/artexport")
    main(sys.argv[1])
