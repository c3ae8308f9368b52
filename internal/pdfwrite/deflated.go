package pdfwrite

import (
	"crypto/sha256"
	"sync"
)

// Deflated keeps, between the builds of one process (pipeline.Rebuilder,
// behind cls serve), the streams a build compressed — page contents,
// attachments, object streams — by the SHA-256 of what was compressed: a
// rebuild compresses only what changed, and compression is a fifth of
// writing. It keeps what the last build used, nothing older. The same
// data always compresses to the same bytes (deflate), so a build through
// it gives a cold build's bytes.
type Deflated struct {
	mu   sync.Mutex
	prev map[[sha256.Size]byte][]byte // the last build's streams
	cur  map[[sha256.Size]byte][]byte // this build's
}

// NewDeflated returns an empty Deflated.
func NewDeflated() *Deflated {
	return &Deflated{cur: map[[sha256.Size]byte][]byte{}}
}

// begin starts a build: what the last one used is kept until this one
// ends, the rest is dropped.
func (c *Deflated) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prev, c.cur = c.cur, map[[sha256.Size]byte][]byte{}
}

// all is deflateAll, taking from c what an earlier build compressed. A
// nil c compresses everything.
func (c *Deflated) all(data [][]byte) [][]byte {
	if c == nil {
		return deflateAll(data)
	}
	keys := make([][sha256.Size]byte, len(data))
	out := make([][]byte, len(data))
	var todo []int
	c.mu.Lock()
	for i, d := range data {
		keys[i] = sha256.Sum256(d)
		if z, ok := c.cur[keys[i]]; ok {
			out[i] = z
		} else if z, ok := c.prev[keys[i]]; ok {
			out[i], c.cur[keys[i]] = z, z
		} else {
			todo = append(todo, i)
		}
	}
	c.mu.Unlock()
	if len(todo) == 0 {
		return out
	}
	missing := make([][]byte, len(todo))
	for k, i := range todo {
		missing[k] = data[i]
	}
	done := deflateAll(missing)
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, i := range todo {
		out[i], c.cur[keys[i]] = done[k], done[k]
	}
	return out
}
