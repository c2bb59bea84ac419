#!/usr/bin/env python3
"""Make the GUM news set from a checkout of GUM (https://github.com/amir-zeldes/gum):
for each Wikinews document of its news genre, a text dump (`raw/<doc>.txt`: title, date,
paragraphs) and a people key (`actors/<doc>.json`, in the development set's format, with no
quotes) from GUM's own annotation (dep/*.conllu: entity spans, types and part of speech).

A key person is a `person` entity with a proper-name mention: the PROPN tokens of a mention
that no other entity nested in it claims (so "Scientology defector" names no one), in runs,
possessive "'s" dropped. Runs of plural proper nouns only (NNPS: "Americans") are groups,
not persons, and a one-word run that the texts also write in lower case is a common noun.
The person's name is its longest run; its forms are every tail of every run ("President
Barack Obama", "Barack Obama", "Obama"), since GUM tags a title before a name PROPN.

usage: make.py GUM_CHECKOUT OUT_DIR"""
import json, os, re, sys

def parse(path):
    doc = {"title": None, "date": None, "paras": [], "tokens": []}
    para = None
    open_ents = {}
    mentions = []  # (entity id, type, [token indexes])
    stack = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# meta::title = "):
            doc["title"] = line.split(" = ", 1)[1]
        elif line.startswith("# meta::dateCreated = "):
            doc["date"] = line.split(" = ", 1)[1]
        elif line.startswith("# newpar"):
            if line.startswith("# newpar_block") or line == "# newpar":
                if line == "# newpar" or para is None or para:
                    para = []
                    doc["paras"].append(para)
        elif line.startswith("# text = "):
            if para is None:
                para = []
                doc["paras"].append(para)
            para.append(line.split(" = ", 1)[1])
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            i = len(doc["tokens"])
            doc["tokens"].append((cols[1], cols[3], cols[4]))
            misc = cols[9]
            ent = next((m[len("Entity="):] for m in misc.split("|") if m.startswith("Entity=")), "")
            # Openings "(id-type-..." and closings "id)", in order; one-token mentions "(id-...)".
            pos = 0
            while pos < len(ent):
                j = pos + (ent[pos] == "(")
                while j < len(ent) and ent[j] not in "()":
                    j += 1
                if ent[pos] == "(":
                    body = ent[pos + 1:j].split("-")
                    stack.append((body[0], body[1], i))
                    if j < len(ent) and ent[j] == ")":
                        eid, etype, start = stack.pop()
                        mentions.append((eid, etype, list(range(start, i + 1))))
                        j += 1
                else:
                    eid = ent[pos:j]
                    if j < len(ent) and ent[j] == ")":
                        k = max(k for k in range(len(stack)) if stack[k][0] == eid)
                        _, etype, start = stack.pop(k)
                        mentions.append((eid, etype, list(range(start, i + 1))))
                        j += 1
                pos = j
    doc["mentions"] = mentions
    return doc

def persons(doc, lower_words):
    toks = doc["tokens"]
    ms = doc["mentions"]
    out = {}
    for eid, etype, span in ms:
        if etype != "person":
            continue
        s = set(span)
        # Tokens claimed by a smaller mention of another entity inside this one.
        claimed = set()
        for e2, t2, sp2 in ms:
            if e2 != eid and set(sp2) < s:
                claimed |= set(sp2)
        runs, run = [], []
        for n, i in enumerate(span):
            word, upos, xpos = toks[i]
            hyphened = bool(run) and n > 0 and toks[span[n - 1]][0] == "-"
            if i not in claimed and ((upos == "PROPN" and word[:1].isupper()) or hyphened):
                run.append(i)
            elif word == "-" and run and n + 1 < len(span):
                run.append(i)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        for r in runs:
            while r and toks[r[-1]][0] == "-":
                r = r[:-1]
            if not r or all(toks[i][2] == "NNPS" for i in r):
                continue
            # A one-word "name" the texts also write in lower case is a common noun
            # ("Student", "Sheriff").
            if len(r) == 1 and toks[r[0]][0].lower() in lower_words:
                continue
            text = " ".join(toks[i][0] for i in r)
            text = re.sub(r" ?'s$", "", text).replace(" - ", "-").replace(" .", ".")
            words = text.split()
            # Every tail of a name is a form of it ("President Barack Obama": "Barack Obama",
            # "Obama"): titles before a name are in the runs whenever they are tagged PROPN.
            forms = out.setdefault(eid, [set(), text])
            if len(words) > len(forms[1].split()):
                forms[1] = text
            for k in range(len(words)):
                forms[0].add(" ".join(words[k:]))
    key = []
    for eid, (forms, name) in out.items():
        key.append({"name": name, "forms": sorted(forms)})
    return sorted(key, key=lambda p: p["name"])

def main():
    gum, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "raw"), exist_ok=True)
    os.makedirs(os.path.join(out, "actors"), exist_ok=True)
    dep = os.path.join(gum, "dep")
    docs = {f: parse(os.path.join(dep, f)) for f in sorted(os.listdir(dep)) if f.startswith("GUM_news_")}
    lower_words = {w for d in docs.values() for w, upos, _ in d["tokens"] if w[:1].islower()}
    for f, doc in docs.items():
        name = f[: -len(".conllu")]
        paras = [" ".join(p) for p in doc["paras"] if p]
        with open(os.path.join(out, "raw", name + ".txt"), "w", encoding="utf-8") as w:
            w.write("\n\n".join(paras) + "\n")
        with open(os.path.join(out, "actors", name + ".json"), "w", encoding="utf-8") as w:
            json.dump({"id": name, "persons": persons(doc, lower_words), "quotes": []}, w, ensure_ascii=False, indent=1)
            w.write("\n")

main()
