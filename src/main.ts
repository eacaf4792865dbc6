import { mount } from 'svelte';
import App from './App.svelte';
import { detectLang, locale } from './i18n/index.svelte';
import './app.css';

locale.lang = detectLang(navigator.languages ?? [navigator.language]);

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
export default mount(App, { target });
