package source

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/safefile"
)

// Cache keeps the workbooks a long-running process has opened (cls serve
// rebuilding the contract after each save), so that a workbook that did
// not change is not unpacked and parsed again: opening and reading the
// sheets is most of the reading's time. A workbook is the same when its
// path, size, modification time and SHA-256 are; only workbooks that
// opened without any problem are kept, and each sheet's rows only when
// they were read without any, so a reading with the cache reports what a
// reading without it reports.
//
// The zero value is not usable; a Cache is safe for concurrent use, but
// the sources of a territory are read by one build at a time.
type Cache struct {
	mu    sync.Mutex
	books map[string]*cachedBook // by absolute path
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{books: map[string]*cachedBook{}} }

// cachedBook is one opened workbook and the rows read from its sheets.
type cachedBook struct {
	size   int64
	mod    int64 // nanoseconds since 1970
	sum    [sha256.Size]byte
	f      *excelize.File
	sheets []sheetName

	mu   sync.Mutex
	rows map[rowsKey][][]string
}

type rowsKey struct {
	sheet string // as stored
	raw   bool
}

// Close releases the workbooks kept.
func (c *Cache) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for p, b := range c.books {
		_ = b.f.Close()
		delete(c.books, p)
	}
}

// open opens the workbook at path through the cache: the one kept when
// the file did not change, else a new one, kept when it opened without a
// problem.
func (c *Cache) open(path, name string, g *glyphs, probs *diag.List) *workbook {
	abs, err := filepath.Abs(path)
	st, serr := os.Stat(path)
	if err != nil || serr != nil || !st.Mode().IsRegular() {
		return openWorkbook(path, name, g, probs) // it says what is wrong
	}
	if safefile.Inside(path, filepath.Dir(path)) != nil {
		return openWorkbook(path, name, g, probs) // it says what is wrong
	}
	content, err := safefile.ReadFile(path, safefile.WorkbookLimit)
	if err != nil {
		return openWorkbook(path, name, g, probs)
	}
	sum := sha256.Sum256(content)
	c.mu.Lock()
	b := c.books[abs]
	c.mu.Unlock()
	if b != nil && b.size == st.Size() && b.mod == st.ModTime().UnixNano() && b.sum == sum {
		return &workbook{f: b.f, name: name, glyphs: g, sheets: b.sheets, kept: b}
	}
	var mine diag.List
	w := openWorkbook(path, name, g, &mine)
	*probs = append(*probs, mine...)
	if w == nil || len(mine) > 0 {
		return w
	}
	nb := &cachedBook{size: st.Size(), mod: st.ModTime().UnixNano(), sum: sum, f: w.f, sheets: w.sheets, rows: map[rowsKey][][]string{}}
	c.mu.Lock()
	if old := c.books[abs]; old != nil {
		_ = old.f.Close()
	}
	c.books[abs] = nb
	c.mu.Unlock()
	w.kept = nb
	return w
}

// keptRows returns a copy of the rows read before from sheet, if any.
func (b *cachedBook) keptRows(sheet string, raw bool) ([][]string, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	rows, ok := b.rows[rowsKey{sheet, raw}]
	if !ok {
		return nil, false
	}
	return copyRows(rows), true
}

// keepRows keeps a copy of rows read without a problem.
func (b *cachedBook) keepRows(sheet string, raw bool, rows [][]string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rows[rowsKey{sheet, raw}] = copyRows(rows)
}

// copyRows copies the slices, so that a reader changing its rows does
// not change the ones kept.
func copyRows(rows [][]string) [][]string {
	if rows == nil {
		return nil
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		if r != nil {
			out[i] = append([]string{}, r...)
		}
	}
	return out
}
