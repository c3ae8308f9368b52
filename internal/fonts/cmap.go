package fonts

// coverage is the set of Basic Multilingual Plane characters a face maps
// to a real glyph, one bit per character (8 KiB).
type coverage [0x10000 / 64]uint64

func (c *coverage) clear(r rune)    { c[r>>6] &^= 1 << (r & 63) }
func (c *coverage) set(r int)       { c[r>>6] |= 1 << (r & 63) }
func (c *coverage) has(r rune) bool { return r >= 0 && r <= 0xFFFF && c[r>>6]&(1<<(r&63)) != 0 }
func (c *coverage) and(o *coverage) {
	for i := range c {
		c[i] &= o[i]
	}
}
