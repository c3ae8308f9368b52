package embed

import (
	"errors"

	pmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// ErrBroken marks a structure that is not what the walk expects, or an
// object pdfcpu could not resolve.
var ErrBroken = errors.New("structure inattendue")

// Resolver follows a hostile PDF's references within bounds: it opens at
// most MaxStreams distinct object streams (each may inflate to megabytes)
// and says, through TooMany, why it stopped. The attachments' walk here and
// the signature fields' walk of package verify share it.
type Resolver struct {
	X          *pmodel.XRefTable
	MaxStreams int
	TooMany    func(max int) error // the refusal past MaxStreams
	streams    map[int]bool
}

// Deref resolves o; nil for an absent reference.
func (r *Resolver) Deref(o types.Object) (types.Object, error) {
	switch ref := o.(type) {
	case types.IndirectRef:
		if e, ok := r.X.Table[ref.ObjectNumber.Value()]; ok && e != nil && e.ObjectStream != nil && !r.streams[*e.ObjectStream] {
			if len(r.streams) >= r.MaxStreams {
				return nil, r.TooMany(r.MaxStreams)
			}
			if r.streams == nil {
				r.streams = map[int]bool{}
			}
			r.streams[*e.ObjectStream] = true
		}
		obj, err := r.X.Dereference(ref)
		if err != nil {
			return nil, ErrBroken
		}
		return obj, nil
	case *types.IndirectRef:
		if ref == nil {
			return nil, nil
		}
		return r.Deref(*ref)
	}
	return o, nil
}

// Dict resolves o to a dictionary; nil when o is absent or null.
func (r *Resolver) Dict(o types.Object) (types.Dict, error) {
	o, err := r.Deref(o)
	if err != nil || o == nil {
		return nil, err
	}
	d, ok := o.(types.Dict)
	if !ok {
		return nil, ErrBroken
	}
	return d, nil
}

// Array resolves o to an array; nil when o is absent or null.
func (r *Resolver) Array(o types.Object) (types.Array, error) {
	o, err := r.Deref(o)
	if err != nil || o == nil {
		return nil, err
	}
	a, ok := o.(types.Array)
	if !ok {
		return nil, ErrBroken
	}
	return a, nil
}
