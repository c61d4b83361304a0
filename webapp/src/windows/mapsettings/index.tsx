import { useState, type FormEvent } from 'react';
import { useApp } from '../../app/context';

export default function MapSettings() {
  const { mapOptions, setMapOptions } = useApp();
  const img = mapOptions.image ?? { url: '', leftEw: -102, topNs: 102, rightEw: 102, bottomNs: -102 };
  const [form, setForm] = useState(img);
  const field = (k: keyof typeof img, label: string) => (
    <label>{label} <input type={k === 'url' ? 'text' : 'number'} step="0.1" value={form[k]} style={{ width: k === 'url' ? '100%' : '6em' }}
      onChange={(e) => setForm({ ...form, [k]: k === 'url' ? e.target.value : Number(e.target.value) })} /></label>
  );
  const save = (e: FormEvent) => { e.preventDefault(); setMapOptions({ ...mapOptions, image: form.url ? form : null }); };
  return (
    <form onSubmit={save}>
      <p className="muted">Overlord ships no map image. Give the address of your own and the map coordinates of its corners.</p>
      <div className="row">{field('url', 'Image URL')}</div>
      <div className="row">{field('leftEw', 'Left edge EW')}{field('topNs', 'Top edge NS')}</div>
      <div className="row">{field('rightEw', 'Right edge EW')}{field('bottomNs', 'Bottom edge NS')}</div>
      <div className="row"><button>Apply</button><button type="button" onClick={() => { setForm({ ...form, url: '' }); setMapOptions({ ...mapOptions, image: null }); }}>Remove image</button></div>
    </form>
  );
}
