import { render } from 'preact';
import { App } from './app.tsx';
import { takeFragmentToken } from './auth.ts';
import './style.css';

// before the first render, so a link carrying #token= opens signed in
takeFragmentToken();
render(<App />, document.getElementById('app') as HTMLElement);
