#!/usr/bin/env python3
"""Checks a central-publishing-maven-plugin bundle (unzipped) against the effective POMs.

Usage: check-release-bundle.py STAGING_DIR EFFECTIVE_POMS_XML VERSION

- Exactly the modules whose effective POM does not skip deployment (maven.deploy.skip,
  skipPublishing) are in the bundle, at VERSION.
- A pom module brings its .pom; a jar module its .jar, -sources.jar, -javadoc.jar and .pom; nothing
  else (the shaded CLI jar is a release asset, not a Maven artifact).
- Every file has a .asc signature and .md5/.sha1 checksums.
- Every published effective POM has what Central requires (name, description, url, license,
  developer, scm), with the project's own url (no module name appended).
- No published POM brings a logging backend (only optional or test-scoped).
Exit status 1 with a list of every problem found.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

BACKENDS = re.compile(
    r"(org\.slf4j:slf4j-(simple|nop|jdk14|jdk-platform-logging|reload4j|log4j12)"
    r"|ch\.qos\.logback:logback-classic|org\.apache\.logging\.log4j:log4j-slf4j2?-impl)$")


def plain(element):
    for e in element.iter():
        if isinstance(e.tag, str) and "}" in e.tag:
            e.tag = e.tag.split("}", 1)[1]
    return element


def text(project, path):
    value = project.findtext(path)
    return value.strip() if value and value.strip() else None


def main(staging, effective, version):
    problems = []
    root = plain(ET.parse(effective).getroot())
    projects = root.findall("project") if root.tag == "projects" else [root]
    expected = {}
    for p in projects:
        skipped = "true" in (text(p, "properties/maven.deploy.skip"), text(p, "properties/skipPublishing"))
        if not skipped:
            expected[text(p, "artifactId")] = p

    found = {}
    for dirpath, _, files in os.walk(staging):
        for f in files:
            found.setdefault(os.path.relpath(dirpath, staging), set()).add(f)
    modules = {}
    for rel, files in found.items():
        parts = rel.split(os.sep)
        if len(parts) < 3 or parts[-1] != version:
            problems.append(f"unexpected directory {rel}")
            continue
        modules[parts[-2]] = (rel, files)

    for missing in sorted(set(expected) - set(modules)):
        problems.append(f"{missing}: published module missing from the bundle")
    for extra in sorted(set(modules) - set(expected)):
        problems.append(f"{extra}: in the bundle but not published")

    for artifact_id, (rel, files) in sorted(modules.items()):
        project = expected.get(artifact_id)
        packaging = text(project, "packaging") if project is not None else None
        base = f"{artifact_id}-{version}"
        wanted = {base + ".pom"}
        if packaging in (None, "jar"):
            wanted |= {base + ".jar", base + "-sources.jar", base + "-javadoc.jar"}
        main_files = {f for f in files if not re.search(r"\.(asc|md5|sha1|sha256|sha512)$", f)}
        for f in sorted(wanted - main_files):
            problems.append(f"{rel}: {f} missing")
        for f in sorted(main_files - wanted):
            problems.append(f"{rel}: {f} should not be published")
        for f in sorted(main_files):
            for suffix in (".asc", ".md5", ".sha1"):
                if f + suffix not in files:
                    problems.append(f"{rel}: {f}{suffix} missing")
        pom_file = os.path.join(staging, rel, base + ".pom")
        if os.path.exists(pom_file):
            pom = plain(ET.parse(pom_file).getroot())
            for d in pom.findall("dependencies/dependency"):
                key = f"{text(d, 'groupId')}:{text(d, 'artifactId')}"
                if (BACKENDS.match(key) and text(d, "optional") != "true"
                        and text(d, "scope") not in ("test", "provided")):
                    problems.append(f"{rel}: brings the logging backend {key}")

    for artifact_id, p in sorted(expected.items()):
        for path in ("name", "description", "url", "licenses/license/name", "licenses/license/url",
                     "developers/developer/name", "scm/url", "scm/connection"):
            if not text(p, path):
                problems.append(f"{artifact_id}: effective POM lacks {path}")
        for path in ("url", "scm/url", "scm/connection", "scm/developerConnection"):
            value = text(p, path) or ""
            if value.rstrip("/").endswith("/" + artifact_id):
                problems.append(f"{artifact_id}: {path} {value} has the module name appended")

    if problems:
        print("check-release-bundle: FAILED", file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        return 1
    print(f"check-release-bundle: OK: {len(modules)} modules "
          f"({', '.join(sorted(modules))}), each with its files, signatures and checksums")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
