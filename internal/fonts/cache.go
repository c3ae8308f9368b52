package fonts

import (
	"crypto/sha256"
	"io"
	"os"
	"sync"

	"github.com/contrat-local-sante/cls/internal/safefile"
)

// Cache keeps the family a long-running process (cls serve) loaded, with
// its measurer and the widths it measured: checking and parsing four
// faces is a good part of a build's start. The family is loaded again
// when its name, folder, file names, or any face's size, modification
// time or SHA-256 changed. It is safe for concurrent use.
type Cache struct {
	mu   sync.Mutex
	key  cacheKey
	fam  *Family
	sums map[string]faceID // by path
}

type cacheKey struct {
	dir, name string
	files     Files
}

// faceID says which file a face was read from.
type faceID struct {
	size int64
	mod  int64 // nanoseconds since 1970
	sum  [sha256.Size]byte
}

// Load is the package's Load through the cache: the family loaded before
// when its faces did not change, else a new one. A family that fails to
// load is not kept.
func (c *Cache) Load(dir, name string, files Files) (*Family, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := cacheKey{dir, name, files}
	if c.fam != nil && c.key == key && c.unchanged() {
		return c.fam, nil
	}
	f, err := Load(dir, name, files)
	if err != nil {
		c.fam = nil
		return nil, err
	}
	c.key, c.fam, c.sums = key, f, map[string]faceID{}
	if !f.Builtin {
		for _, p := range f.Files {
			if id, ok := identify(p); ok {
				c.sums[p] = id
			} else {
				c.fam = nil // cannot tell a change: load again next time
			}
		}
	}
	return f, nil
}

// unchanged tells whether the cached family's faces are as they were:
// the same files, or still none for the faces the program carries (a
// fonts folder that appeared since is a change).
func (c *Cache) unchanged() bool {
	if c.fam.Builtin {
		return useBuiltin(c.key.dir, c.key.files)
	}
	for _, p := range c.fam.Files {
		id, ok := identify(p)
		if !ok || id != c.sums[p] {
			return false
		}
	}
	return true
}

// identify reads a face file's size, modification time and SHA-256. The
// file is hashed as it is read, not kept: a rebuild checks the four faces
// (some 3 MB) without allocating them again.
func identify(path string) (faceID, bool) {
	if err := safefile.Check(path, safefile.FontLimit); err != nil {
		return faceID{}, false
	}
	f, err := os.Open(path)
	if err != nil {
		return faceID{}, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() { // replaced since the check
		return faceID{}, false
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, safefile.FontLimit+1))
	if err != nil || n > safefile.FontLimit {
		return faceID{}, false
	}
	id := faceID{size: st.Size(), mod: st.ModTime().UnixNano()}
	h.Sum(id.sum[:0])
	return id, true
}
