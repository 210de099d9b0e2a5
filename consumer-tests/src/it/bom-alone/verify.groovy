// After the consumer build: what it resolved must be exactly what the main build tested with.
// testedDependencies (set in consumer-tests/pom.xml) is the main build's runtime list for the same
// four dependencies; both files are maven-dependency-plugin "list" output.
static Map<String, String> versions(File list) {
  Map<String, String> out = new TreeMap<>()
  list.eachLine { line ->
    def coords = line.trim().split(' -- ')[0].split(':')
    if (coords.length >= 5) { // group:artifact:type[:classifier]:version:scope
      out[coords[0..-3].join(':')] = coords[-2]
    }
  }
  return out
}

def tested = versions(new File(testedDependencies))
def resolved = versions(new File(basedir, 'target/resolved-dependencies.txt'))
assert resolved.size() > 50 : "too few resolved dependencies: ${resolved}"

def differing = resolved.findAll { k, v -> tested.containsKey(k) && tested[k] != v }
  .collect { k, v -> "${k}: consumer ${v}, tested ${tested[k]}" }
assert differing.isEmpty() : "the BOM lets a consumer drift from the tested versions:\n" + differing.join('\n')

def untested = resolved.keySet() - tested.keySet()
assert untested.isEmpty() : "the consumer gets libraries the build never tested with: ${untested}"

def backends = resolved.keySet().findAll { it ==~ loggingBackends }
assert backends.isEmpty() : "a published artifact brings a logging backend: ${backends}"

println "bom-alone: ${resolved.size()} libraries, every one at the tested version, no logging backend"
return true
